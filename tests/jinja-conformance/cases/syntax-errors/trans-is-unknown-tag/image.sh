{% trans %}Hello{% endtrans %}
