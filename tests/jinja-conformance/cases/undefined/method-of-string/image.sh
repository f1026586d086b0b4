{{ 'text'.nosuchmethod() }}
