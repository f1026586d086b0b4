ok

{{ features | nosuch }}
