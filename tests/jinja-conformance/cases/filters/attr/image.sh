{{ 'abc'|attr('upper') is callable }} {{ user|attr('name') is defined }} {{ user|attr('keys') is callable }} {{ (user|attr('items'))()|list }}
