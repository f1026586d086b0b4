{% include 'os/' ~ os_name ~ '.sh' %}
