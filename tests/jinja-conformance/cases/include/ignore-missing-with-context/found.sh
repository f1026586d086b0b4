{{ who }} {{ local }}
