# a shell comment
## {{ name }}
