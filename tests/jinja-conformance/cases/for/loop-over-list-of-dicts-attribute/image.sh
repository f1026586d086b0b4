{% for m in mounts %}
mkfs.{{ m.fs }} {{ m.device }}
mkdir -p {{ m.path }} && echo '{{ m.device }} {{ m.path }} {{ m.fs }} defaults,nofail 0 2' >> /etc/fstab
{% endfor %}
