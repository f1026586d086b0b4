{% raw %}  {{ x }}  
{% endraw %}|
