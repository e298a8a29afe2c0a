// marker: the site's own search script
