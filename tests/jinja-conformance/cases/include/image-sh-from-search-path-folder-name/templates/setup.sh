{% include 'templates/setup-inner.sh' %} via search path
