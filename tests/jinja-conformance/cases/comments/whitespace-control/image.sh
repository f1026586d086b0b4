a
{#- trims -#}
b
{#- left only #}
c
