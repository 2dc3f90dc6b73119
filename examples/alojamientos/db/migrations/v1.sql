-- v1: the booking schema.
CREATE TABLE accommodations (
    id        serial PRIMARY KEY,
    name      text    NOT NULL,
    city      text    NOT NULL,
    capacity  integer NOT NULL
);

CREATE TABLE reservations (
    id             serial  PRIMARY KEY,
    accommodation  integer NOT NULL REFERENCES accommodations (id),
    guest          text    NOT NULL,
    guest_phone    text,
    check_in       date    NOT NULL,
    check_out      date    NOT NULL
);

INSERT INTO accommodations (name, city, capacity) VALUES
    ('Cabaña del Lago', 'Bariloche', 4),
    ('Refugio Andino', 'El Chaltén', 2),
    ('Casa de Piedra', 'Tafí del Valle', 6);
