package date_test

import (
	"fmt"
	"time"

	"relais/internal/date"
)

func ExampleParse() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range []string{"2021-10-07", "2021-10-07 09:00:00", "2021-10-07T07:00Z", "2021-02-30", "2022-03-27T02:30"} {
		v, err := date.Parse(s, paris)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(v, v.ISO(), v.IsDay())
	}
	// Output:
	// 2021-10-07 2021-10-07 true
	// 2021-10-07T09:00 2021-10-07T09:00+02:00 false
	// 2021-10-07T09:00 2021-10-07T09:00+02:00 false
	// invalid date "2021-02-30": February 2021 has 28 days
	// time "2022-03-27T02:30" does not exist in Europe/Paris (the clocks go forward that night)
}

func ExampleFormatEvent() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Println(err)
		return
	}
	day := func(d int) date.Value { return date.Day(time.Date(2021, 10, d, 0, 0, 0, 0, paris)) }
	at := func(d, h int) date.Value { return date.At(time.Date(2021, 10, d, h, 0, 0, 0, paris)) }

	fmt.Println(date.FormatEvent(day(7), date.Value{}, nil))
	fmt.Println(date.FormatEvent(day(7), day(8), nil))
	fmt.Println(date.FormatEvent(day(4), day(8), nil))
	// Hours are written with no-break spaces, shown here by %q.
	fmt.Printf("%q\n", date.FormatEvent(at(19, 9), date.Value{}, []date.Slot{
		{Start: at(19, 14), End: at(19, 17)},
		{Start: at(19, 9), End: at(19, 12)},
	}))
	// Output:
	// jeudi 7 octobre 2021
	// jeudi 7 et vendredi 8 octobre 2021
	// du lundi 4 au vendredi 8 octobre 2021
	// "mardi 19 octobre 2021, de 9\u00a0h à 12\u00a0h et de 14\u00a0h à 17\u00a0h"
}

func ExampleCapitalize() {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Println(err)
		return
	}
	t := time.Date(2021, 9, 23, 0, 0, 0, 0, paris)
	fmt.Println(date.Capitalize(date.FormatDay(t)))
	fmt.Println(date.FormatMonth(t))
	fmt.Println(date.FormatShort(t))
	// Output:
	// Jeudi 23 septembre 2021
	// Septembre 2021
	// 23 sept. 2021
}
