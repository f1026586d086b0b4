<button{{ attrs|xmlattr }}>
<button {{ attrs|xmlattr(false) }}>
<a{{ {'href': '/x?a=1&b=2', 'title': '"q"'}|xmlattr }}>
<i{{ {'hidden': none}|xmlattr(autospace=true) }}>
