{{ s is string }} {{ s is sequence }} {{ s is iterable }} {{ s is mapping }}
{{ m is mapping }} {{ m is sequence }} {{ m is iterable }} {{ m is string }}
{{ l is sequence }} {{ l is mapping }} {{ l is iterable }} {{ 5 is iterable }} {{ 5 is sequence }} {{ range(3) is sequence }} {{ none is iterable }}
