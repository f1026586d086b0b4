{{ 'hello world'|title }} {{ "they're bill's"|title }} {{ 'HELLO-WORLD foo_bar'|title }} {{ "x-ray o'neil"|title }} {{ 'ǆemal'|title }} {{ '(a) [b]'|title }}
