{{ '<p>Hello <b>World</b></p>'|striptags }} | {{ 'a   <br/>\n  b'|striptags }} | {{ '&lt;x&gt; &amp;'|striptags }} | {{ '<!-- c -->text'|striptags }}
