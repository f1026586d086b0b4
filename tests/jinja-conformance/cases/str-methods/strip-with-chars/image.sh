[{{ raw.strip() }}] [{{ slashes.strip('/') }}] [{{ slashes.lstrip('/') }}] [{{ slashes.rstrip('/') }}] [{{ 'xxhixx'.strip('x') }}] [{{ '  a  '.lstrip() }}] [{{ '  a  '.rstrip() }}]
