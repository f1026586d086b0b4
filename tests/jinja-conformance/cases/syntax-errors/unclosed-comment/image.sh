line
{# never closed
more
