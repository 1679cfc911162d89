name = "Ann"
print "hello", name
