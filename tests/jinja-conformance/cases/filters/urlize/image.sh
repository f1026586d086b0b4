{{ 'see https://example.com/path?x=1 now'|urlize }}
{{ 'mail ann@example.com'|urlize }}
{{ 'www.example.org and http://a.example/very/long/path/here'|urlize(15) }}
{{ 'http://x.example'|urlize(nofollow=true, target='_blank') }}
{{ 'http://x.example'|urlize(rel='noopener') }}
{{ 'ftp://files.example is ftp'|urlize(extra_schemes=['ftp://']) }}
{{ 'trailing http://x.example/.'|urlize(trim_url_limit=none) }}
