export http_proxy={% if proxy %}{{ proxy }}{% endif %}
export no_proxy={% if no_proxy is defined %}{{ no_proxy }}{% endif %}
