{{ names|sort }} {{ names|sort(reverse=true) }} {{ names|sort(case_sensitive=true) }} {{ nums|sort }} {{ nums|sort(true) }} {{ 'cab'|sort }}
