"""Law and channel facts as data: the statutes and rules, the channels, money, deadlines and the calendar,
and the offices and courts a case goes to."""
