#cloud-config
hostname: {{ hostname }}
timezone: {{ timezone }}
package_update: true
package_upgrade: false
packages:
{% for p in packages %}
  - {{ p }}
{% endfor %}
write_files:
{% for f in files %}
  - path: {{ f.path }}
{% if f.permissions is defined %}
    permissions: '{{ f.permissions }}'
{% endif %}
{% if f.owner is defined %}
    owner: {{ f.owner }}
{% endif %}
    content: |
      {{ f.content | indent(6) }}
{% endfor %}
runcmd:
{% for cmd in runcmd %}
{% if cmd is string %}
  - {{ cmd }}
{% else %}
  - {{ cmd|tojson }}
{% endif %}
{% endfor %}
final_message: "{{ name }} {{ version }} ready after $UPTIME seconds"
