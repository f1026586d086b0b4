[{% if n < 3 %}small{% elif n < 5 %}medium{% endif %}]
