person = {
    "name": "Ann",
    "age": 31
    "city": "Oslo",
}
