{{ d|attr('items') is callable }} {{ d['items'] }}
