{{ items|select('string')|list }} {{ items|select('number')|list }} {{ items|reject('none')|list }} {{ items|select('equalto', 'db')|list }} {{ items|select('sameas', none)|list }}
