line {{ count }}
