{{ big }} {{ big + 1 }} {{ big is integer }}
