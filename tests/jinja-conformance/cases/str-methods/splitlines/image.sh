{{ text.splitlines() }} {{ text.splitlines(true) }} {{ 'a\r\nb\rc'.splitlines() }} {{ ''.splitlines() }}
