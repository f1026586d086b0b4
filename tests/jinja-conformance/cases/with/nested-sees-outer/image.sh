{% with dir = base ~ '/app' %}{% with bin = dir ~ '/bin' %}{{ dir }} {{ bin }}{% endwith %}{% endwith %}
