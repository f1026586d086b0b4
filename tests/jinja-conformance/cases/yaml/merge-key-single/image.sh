{{ service|dictsort }}
useradd -s {{ service.shell }} -G {{ service.groups|join(',') }} {{ service.user }} # {{ service.name }}
