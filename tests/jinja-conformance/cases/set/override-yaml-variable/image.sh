{{ region }} {% set region = 'eu-west-1' %}{{ region }}
