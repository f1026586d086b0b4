{{ "they're bill's friends".title() }} {{ 'hello 2world x1y'.title() }} {{ "o'neil mc-donald".title() }}
