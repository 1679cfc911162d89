"""A small ray tracer: spheres on a checkered floor, two point lights, shadows and one bounce of
reflection, rendered at n × n pixels into a checksum of 8-bit colours. Stresses floats inside
small objects: a `Vec` class with operator methods (`__add__`, `__sub__`, `__mul__`) and a new
instance for nearly every operation, method calls, attribute loads, and `math.sqrt`."""
import math
import sys


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def scale(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)

    def unit(self):
        return self * (1.0 / math.sqrt(self.dot(self)))


BLACK = Vec(0.0, 0.0, 0.0)
EPSILON = 1e-6


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction * t


class Sphere:
    def __init__(self, centre, radius, colour, shine):
        self.centre = centre
        self.radius2 = radius * radius
        self.colour = colour
        self.shine = shine

    def hit(self, ray):
        """The distance along `ray` to the nearest intersection in front of it, or None."""
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius2
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        return t if t > EPSILON else None

    def normal(self, point):
        return (point - self.centre).unit()

    def colour_at(self, point):
        return self.colour


class Floor:
    shine = 0.25

    def __init__(self, height):
        self.height = height

    def hit(self, ray):
        dy = ray.direction.y
        if -EPSILON < dy < EPSILON:
            return None
        t = (self.height - ray.origin.y) / dy
        return t if t > EPSILON else None

    def normal(self, point):
        return Vec(0.0, 1.0, 0.0)

    def colour_at(self, point):
        if (math.floor(point.x) + math.floor(point.z)) % 2:
            return Vec(0.9, 0.9, 0.9)
        return Vec(0.1, 0.1, 0.1)


class Scene:
    def __init__(self):
        self.things = [
            Floor(-1.0),
            Sphere(Vec(0.0, 0.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 0.4),
            Sphere(Vec(-2.0, -0.4, 6.5), 0.6, Vec(0.2, 0.8, 0.3), 0.2),
            Sphere(Vec(1.8, 0.3, 4.2), 0.5, Vec(0.3, 0.3, 0.9), 0.6),
        ]
        self.lights = [(Vec(-3.0, 5.0, 0.0), Vec(0.8, 0.8, 0.7)), (Vec(4.0, 3.0, 2.0), Vec(0.3, 0.3, 0.5))]
        self.eye = Vec(0.0, 0.5, -1.0)

    def nearest(self, ray):
        best, best_t = None, math.inf
        for thing in self.things:
            t = thing.hit(ray)
            if t is not None and t < best_t:
                best, best_t = thing, t
        return best, best_t

    def shadowed(self, point, to_light, distance):
        ray = Ray(point, to_light)
        for thing in self.things:
            t = thing.hit(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        thing, t = self.nearest(ray)
        if thing is None:
            return Vec(0.05, 0.05, 0.1)
        point = ray.at(t)
        normal = thing.normal(point)
        base = thing.colour_at(point)
        colour = base * 0.1
        for light_pos, light_colour in self.lights:
            offset = light_pos - point
            distance = math.sqrt(offset.dot(offset))
            to_light = offset * (1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert <= 0.0 or self.shadowed(point, to_light, distance):
                continue
            colour = colour + base.scale(light_colour) * lambert
        if depth > 0 and thing.shine > 0.0:
            d = ray.direction
            reflected = d - normal * (2.0 * d.dot(normal))
            colour = colour + self.trace(Ray(point, reflected), depth - 1) * thing.shine
        return colour


def to_byte(c):
    return 255 if c >= 1.0 else int(c * 255.0)


def render(size):
    scene = Scene()
    checksum = 0
    histogram = [0] * 8
    for row in range(size):
        for col in range(size):
            x = (col + 0.5) / size * 2.0 - 1.0
            y = 1.0 - (row + 0.5) / size * 2.0
            ray = Ray(scene.eye, Vec(x, y, 1.5).unit())
            c = scene.trace(ray, 1)
            r, g, b = to_byte(c.x), to_byte(c.y), to_byte(c.z)
            checksum = (checksum * 33 + (r << 16 | g << 8 | b)) % 4294967291
            histogram[(r + g + b) // 96] += 1
    return checksum, histogram


def main(size):
    checksum, histogram = render(size)
    print(f"{size}x{size} checksum {checksum} brightness {histogram}")


main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
