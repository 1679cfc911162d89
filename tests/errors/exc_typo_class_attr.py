class Config:
    DEBUG = False
    VERBOSE = True


print(Config.VERBOS)
