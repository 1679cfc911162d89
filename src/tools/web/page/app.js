// The page of gilvm web.
