def area(width, height):
    return width * heigth_of_the_box


area(2, 3)
