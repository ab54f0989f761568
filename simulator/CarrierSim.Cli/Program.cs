System.Console.WriteLine("carrier-sim");
