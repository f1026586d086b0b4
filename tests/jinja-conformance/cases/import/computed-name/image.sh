{% import 'lib/' ~ flavour ~ '.sh' as os %}{{ os.pkg('vim') }}
