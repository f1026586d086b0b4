{{ 'aarch64' if arch == 'arm64' else 'x86_64' }}
{{ 'yes' if true }}|{{ 'no' if false }}|
{{ 'a' if false else 'b' if true else 'c' }}
{{ (1 if true else 2) + 10 }}
