{% if os == 'ubuntu' %}
{%   if release >= 22 %}
apt-get install -y docker.io
{%   else %}
apt-get install -y docker-ce
{%   endif %}
{% else %}
yum install -y docker
{% endif %}
