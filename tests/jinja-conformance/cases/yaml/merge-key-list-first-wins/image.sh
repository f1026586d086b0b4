{{ merged|dictsort }}
