x
{{ helper() }}
