{% import 'lib.sh' as lib %}{{ lib.public() }} {{ lib._private is defined }}
