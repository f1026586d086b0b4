{{ image.removeprefix('ubuntu-') }} {{ image.removesuffix('-server') }} {{ image.removeprefix('debian') }}
