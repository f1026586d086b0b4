line1
{{ env == 'prod' }}
