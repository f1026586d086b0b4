echo "no package manager support for {{ os_family }}" >&2
exit 1
