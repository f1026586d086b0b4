	tab{{ ' ' }}space  {{ 'x' }}	end
