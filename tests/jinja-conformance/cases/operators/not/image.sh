{{ not true }} {{ not 0 }} {{ not '' }} {{ not 'x' }} {{ not [] }} {{ not none }} {{ not not 5 }}
