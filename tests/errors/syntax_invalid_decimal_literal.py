scores = [3, 5]
1st_place = scores[0]
