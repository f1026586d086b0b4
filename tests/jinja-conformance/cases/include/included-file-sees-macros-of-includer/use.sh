{{ greet('inc') }}
