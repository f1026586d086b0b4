echo -e "{{ '\033[32m' }}ok{{ '\033[0m' }}"
printf '%s' {{ "\x1b[1mbold\x1b[0m"|length }}
